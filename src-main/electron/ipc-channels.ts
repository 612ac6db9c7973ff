/**
 * The two IPC channel names, shared by ipc.ts (main) and preload.ts: every API method travels over
 * one invoke channel into ApiHost's table, every API event comes back over one event channel.
 */
export const INVOKE_CHANNEL = "switchboard:invoke";
export const EVENT_CHANNEL = "switchboard:event";
