-- CreateTable
CREATE TABLE "DailyStat" (
    "day" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "reconstructed" BOOLEAN NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "pending" INTEGER NOT NULL,
    "provisioning" INTEGER NOT NULL,
    "provisioned" INTEGER NOT NULL,
    "errored" INTEGER NOT NULL,
    "newlyErrored" INTEGER NOT NULL,
    "newlyProvisioned" INTEGER NOT NULL,
    "removed" INTEGER NOT NULL,
    "activationHoursMedian" DOUBLE PRECISION,
    "peopleInvited" INTEGER,
    "peoplePending" INTEGER,
    "peopleActivated" INTEGER,
    "remindersSent" INTEGER,
    "remindersSuppressed" INTEGER,
    "remindersFailed" INTEGER,

    CONSTRAINT "DailyStat_pkey" PRIMARY KEY ("scope","day")
);

-- CreateIndex
CREATE INDEX "DailyStat_day_idx" ON "DailyStat"("day");
