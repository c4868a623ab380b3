-- AlterTable
ALTER TABLE "JobLease" ADD COLUMN     "lastRunDoneAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "occurrence" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "cardId" TEXT,
    "messageId" TEXT,
    "error" TEXT,
    "attemptedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("occurrence","roomId")
);

-- CreateIndex
CREATE INDEX "AlertDelivery_attemptedAt_idx" ON "AlertDelivery"("attemptedAt");

-- Occurrences claimed before this migration ran under the old rules (claimed = spent): count
-- them as finished, or the first start after the upgrade would post them again.
UPDATE "JobLease" SET "lastRunDoneAt" = "lastRunAt" WHERE "lastRunKey" IS NOT NULL;
