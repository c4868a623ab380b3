-- CreateTable
CREATE TABLE "SpaceSubscription" (
    "topic" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "subscribedBy" TEXT NOT NULL,
    "subscribedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unsubscribedBy" TEXT,
    "unsubscribedAt" TIMESTAMP(3),

    CONSTRAINT "SpaceSubscription_pkey" PRIMARY KEY ("topic","roomId")
);

-- CreateTable
CREATE TABLE "FailurePush" (
    "id" TEXT NOT NULL,
    "subscriberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FailurePush_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FailurePush_detectedAt_idx" ON "FailurePush"("detectedAt");
