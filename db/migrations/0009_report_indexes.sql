CREATE INDEX "qc_inspections_at_idx" ON "qc_inspections" USING btree ("at");--> statement-breakpoint
CREATE INDEX "ledger_entries_kind_at_idx" ON "ledger_entries" USING btree ("kind","at");