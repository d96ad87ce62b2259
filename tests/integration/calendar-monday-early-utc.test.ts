import { describeDemoAt } from "./calendar-support";

describeDemoAt("on a Monday before the payout run, early in UTC", "2026-12-07T01:15:00Z");
