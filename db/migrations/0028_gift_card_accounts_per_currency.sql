-- Gift card accounts are kept one per currency (soko:gift_card_liability:USD, …:GBP): a card in a
-- second currency posts to its own accounts instead of being refused by the USD ones. The accounts
-- already open were all kept in one currency; their code takes it, their lines stay as they are.
UPDATE ledger_accounts
SET code = code || ':' || currency, name = name || ' (' || currency || ')'
WHERE code IN (
  'soko:gift_card_liability',
  'soko:gift_card_receipts',
  'soko:gift_card_sales',
  'soko:store_credit_refunds',
  'soko:gift_card_breakage'
);
