import { describeDemoAt } from "./calendar-support";

describeDemoAt("on a leap day", "2028-02-29T12:00:00Z");
