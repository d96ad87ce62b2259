-- Wrong PINs now count in auth_throttles (scope artisan-pin, by phone), shared by the app and USSD: carry over counts and locks in force.
INSERT INTO "auth_throttles" ("scope", "key", "failures", "window_started_at", "locked_until", "lockouts", "updated_at")
SELECT 'artisan-pin', "phone", "pin_failed_attempts", now(), "pin_locked_until", CASE WHEN "pin_locked_until" > now() THEN 1 ELSE 0 END, now()
FROM "artisans"
WHERE "pin_failed_attempts" > 0 OR "pin_locked_until" > now()
ON CONFLICT ("scope", "key") DO NOTHING;--> statement-breakpoint
ALTER TABLE "artisans" DROP COLUMN "pin_failed_attempts";--> statement-breakpoint
ALTER TABLE "artisans" DROP COLUMN "pin_locked_until";
