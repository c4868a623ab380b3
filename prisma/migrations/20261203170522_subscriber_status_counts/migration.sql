-- CreateTable
CREATE TABLE "SubscriberStatusCount" (
    "id" BIGSERIAL NOT NULL,
    "spEnterpriseId" TEXT NOT NULL,
    "status" "SubscriberStatus" NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "SubscriberStatusCount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SubscriberStatusCount_spEnterpriseId_status_idx" ON "SubscriberStatusCount"("spEnterpriseId", "status");

-- Counts kept by the database itself, whoever writes "Subscriber" (every instance, a full sync, a
-- hand-written fix): each statement inserts the change it made per enterprise and status. Insert
-- only: two instances syncing at once never lock the same row, so they cannot deadlock.
-- The function bodies are E'' strings with \073 for the statement separator: the migration runner
-- (Prisma's driver adapter) splits a script at every semicolon, quoted or not.
CREATE FUNCTION "subscriber_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "SubscriberStatusCount" ("spEnterpriseId", "status", "n")
    SELECT "spEnterpriseId", "status", count(*)::int FROM new_rows GROUP BY 1, 2\073
  RETURN NULL\073
END';

CREATE FUNCTION "subscriber_counts_update"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "SubscriberStatusCount" ("spEnterpriseId", "status", "n")
    SELECT "spEnterpriseId", "status", sum(d)::int
    FROM (SELECT "spEnterpriseId", "status", 1 AS d FROM new_rows
          UNION ALL SELECT "spEnterpriseId", "status", -1 FROM old_rows) AS changes
    GROUP BY 1, 2 HAVING sum(d) <> 0\073
  RETURN NULL\073
END';

CREATE FUNCTION "subscriber_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "SubscriberStatusCount" ("spEnterpriseId", "status", "n")
    SELECT "spEnterpriseId", "status", -count(*)::int FROM old_rows GROUP BY 1, 2\073
  RETURN NULL\073
END';

CREATE FUNCTION "subscriber_counts_truncate"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "SubscriberStatusCount"\073
  RETURN NULL\073
END';

CREATE TRIGGER "subscriber_counts_insert" AFTER INSERT ON "Subscriber"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "subscriber_counts_insert"();
CREATE TRIGGER "subscriber_counts_update" AFTER UPDATE ON "Subscriber"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "subscriber_counts_update"();
CREATE TRIGGER "subscriber_counts_delete" AFTER DELETE ON "Subscriber"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "subscriber_counts_delete"();
CREATE TRIGGER "subscriber_counts_truncate" AFTER TRUNCATE ON "Subscriber"
  FOR EACH STATEMENT EXECUTE FUNCTION "subscriber_counts_truncate"();

-- What the mirror holds already.
INSERT INTO "SubscriberStatusCount" ("spEnterpriseId", "status", "n")
  SELECT "spEnterpriseId", "status", count(*)::int FROM "Subscriber" GROUP BY 1, 2;
