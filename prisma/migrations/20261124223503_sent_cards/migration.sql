-- CreateTable
CREATE TABLE "SentCard" (
    "id" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "messageId" TEXT,
    "kind" TEXT NOT NULL,
    "actions" TEXT[],
    "context" JSONB NOT NULL,
    "issuedTo" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SentCard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SentCard_expiresAt_idx" ON "SentCard"("expiresAt");
