-- DropIndex
DROP INDEX "Subscriber_lastStatusChange_idx";

-- CreateIndex
CREATE INDEX "Subscriber_lastStatusChange_status_orgId_idx" ON "Subscriber"("lastStatusChange" DESC, "status", "orgId");
