/** Every view at 720x480, light and dark: axe finds nothing, nothing sticks out sideways (native-feel.ts). */
import { everyViewAt, SIZES } from "./native-feel";

everyViewAt(SIZES[1]);
