import { describeDemoAt } from "./calendar-support";

describeDemoAt("on a Monday half an hour after the payout run", "2026-12-07T03:30:00Z");
