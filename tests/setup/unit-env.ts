/**
 * Unit tests run without a database (tests/vitest.config.ts): the environment every test file sees,
 * as tests/setup/database-per-file.ts gives integration tests, less DATABASE_URL. A unit test that
 * reaches for the database fails on its missing URL: it belongs in tests/integration.
 */
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "test-session-secret-0123456789-abcdefghij";
// Vendor callbacks are refused without a token: tests post with these (tests/integration/callback-support.ts).
process.env.AT_CALLBACK_TOKEN ??= "test-at-callback-token";
process.env.MPESA_CALLBACK_TOKEN ??= "test-mpesa-callback-token";
