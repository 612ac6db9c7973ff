/** Every view at 1280x800, light and dark: axe finds nothing, nothing sticks out sideways (native-feel.ts). */
import { everyViewAt, SIZES } from "./native-feel";

everyViewAt(SIZES[2]);
