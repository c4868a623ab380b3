-- AlterTable
ALTER TABLE "SubscriberStatusCount" ADD COLUMN     "orgId" TEXT;

-- CreateIndex
CREATE INDEX "SubscriberStatusCount_orgId_status_idx" ON "SubscriberStatusCount"("orgId", "status");

-- The counts carry the subscribers' org too, so one org's counts (`users` in an org, `orgs`) are
-- read without a join. Same rules as subscriber_status_counts: insert only, E'' bodies with \073.
CREATE OR REPLACE FUNCTION "subscriber_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "SubscriberStatusCount" ("spEnterpriseId", "orgId", "status", "n")
    SELECT "spEnterpriseId", "orgId", "status", count(*)::int FROM new_rows GROUP BY 1, 2, 3\073
  RETURN NULL\073
END';

CREATE OR REPLACE FUNCTION "subscriber_counts_update"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "SubscriberStatusCount" ("spEnterpriseId", "orgId", "status", "n")
    SELECT "spEnterpriseId", "orgId", "status", sum(d)::int
    FROM (SELECT "spEnterpriseId", "orgId", "status", 1 AS d FROM new_rows
          UNION ALL SELECT "spEnterpriseId", "orgId", "status", -1 FROM old_rows) AS changes
    GROUP BY 1, 2, 3 HAVING sum(d) <> 0\073
  RETURN NULL\073
END';

CREATE OR REPLACE FUNCTION "subscriber_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "SubscriberStatusCount" ("spEnterpriseId", "orgId", "status", "n")
    SELECT "spEnterpriseId", "orgId", "status", -count(*)::int FROM old_rows GROUP BY 1, 2, 3\073
  RETURN NULL\073
END';

-- Recounted with the org: the mirror is the truth.
DELETE FROM "SubscriberStatusCount";
INSERT INTO "SubscriberStatusCount" ("spEnterpriseId", "orgId", "status", "n")
  SELECT "spEnterpriseId", "orgId", "status", count(*)::int FROM "Subscriber" GROUP BY 1, 2, 3;
