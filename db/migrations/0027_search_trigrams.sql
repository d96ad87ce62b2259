-- Search's "Did you mean …?": trigram similarity between what was typed and the words shoppers can
-- find (product titles, categories, materials). pg_trgm ships with PostgreSQL (and the embedded server).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
