-- AlterTable
ALTER TABLE "SimSubscriber" ADD COLUMN     "consentEmailsSent" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ErrorNote" (
    "orgId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "writtenBy" TEXT NOT NULL,
    "writtenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErrorNote_pkey" PRIMARY KEY ("orgId","code")
);

-- CreateTable
CREATE TABLE "BulkJob" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "causeKey" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "threadId" TEXT,
    "requestedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelledBy" TEXT,
    "progressAt" TIMESTAMP(3),
    "reportedAt" TIMESTAMP(3),

    CONSTRAINT "BulkJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkJobItem" (
    "jobId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "subscriberId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT,
    "shownStatus" TEXT NOT NULL,
    "shownPackage" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BulkJobItem_pkey" PRIMARY KEY ("jobId","seq")
);

-- CreateIndex
CREATE INDEX "BulkJob_state_idx" ON "BulkJob"("state");

-- CreateIndex
CREATE INDEX "BulkJob_roomId_createdAt_idx" ON "BulkJob"("roomId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "BulkJobItem_jobId_state_idx" ON "BulkJobItem"("jobId", "state");

-- AddForeignKey
ALTER TABLE "BulkJobItem" ADD CONSTRAINT "BulkJobItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "BulkJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
