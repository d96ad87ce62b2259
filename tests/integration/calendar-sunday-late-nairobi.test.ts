import { describeDemoAt } from "./calendar-support";

describeDemoAt("on a Sunday late in Nairobi", "2026-12-06T20:45:00Z");
