import { describeDemoAt } from "./calendar-support";

describeDemoAt("on New Year's night in Nairobi, still the 31st in UTC", "2026-12-31T22:00:00Z");
