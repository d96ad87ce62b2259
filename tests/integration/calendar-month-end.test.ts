import { describeDemoAt } from "./calendar-support";

describeDemoAt("on the night a Monday run on the 30th turns into the 1st in Nairobi", "2026-11-30T22:30:00Z");
