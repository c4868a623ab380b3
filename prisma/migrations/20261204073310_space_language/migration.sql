-- CreateTable
CREATE TABLE "SpaceLanguage" (
    "roomId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "changedBy" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpaceLanguage_pkey" PRIMARY KEY ("roomId")
);
