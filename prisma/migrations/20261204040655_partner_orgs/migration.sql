-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "orgId" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "orgId" TEXT;

-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "orgId" TEXT;

-- AlterTable
ALTER TABLE "Reminder" ADD COLUMN     "orgId" TEXT;

-- AlterTable
ALTER TABLE "SentCard" ADD COLUMN     "orgId" TEXT;

-- AlterTable
ALTER TABLE "SimPerson" ADD COLUMN     "orgId" TEXT;

-- AlterTable
ALTER TABLE "SimEmailJob" ADD COLUMN     "orgId" TEXT;

-- AlterTable
ALTER TABLE "BulkJob" ADD COLUMN     "orgId" TEXT;

-- CreateTable
CREATE TABLE "CustomerOrg" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "discoveredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "gone" BOOLEAN NOT NULL DEFAULT false,
    "autoEmails" BOOLEAN,
    "autoEmailsAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3),
    "syncError" TEXT,
    "failingSince" TIMESTAMP(3),

    CONSTRAINT "CustomerOrg_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" TEXT NOT NULL,
    "webexId" TEXT,
    "orgId" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpaceOrg" (
    "roomId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "boundBy" TEXT NOT NULL,
    "boundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpaceOrg_pkey" PRIMARY KEY ("roomId")
);

-- CreateTable
CREATE TABLE "OrgAdmin" (
    "email" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "grantedBy" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrgAdmin_pkey" PRIMARY KEY ("email","orgId")
);

-- CreateTable
CREATE TABLE "SimCustomerOrg" (
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "allowAdminInviteEmails" BOOLEAN NOT NULL DEFAULT true,
    "enterprises" TEXT[],

    CONSTRAINT "SimCustomerOrg_pkey" PRIMARY KEY ("orgId")
);

-- CreateIndex
CREATE INDEX "CustomerOrg_name_idx" ON "CustomerOrg"("name");

-- CreateIndex
CREATE INDEX "Enterprise_orgId_idx" ON "Enterprise"("orgId");

-- CreateIndex
CREATE INDEX "OrgAdmin_orgId_idx" ON "OrgAdmin"("orgId");

-- CreateIndex
CREATE INDEX "Subscriber_orgId_lastStatusChange_idx" ON "Subscriber"("orgId", "lastStatusChange" DESC);

-- CreateIndex
CREATE INDEX "Subscriber_orgId_status_lastStatusChange_idx" ON "Subscriber"("orgId", "status", "lastStatusChange" DESC);

-- CreateIndex
CREATE INDEX "AuditEntry_orgId_at_idx" ON "AuditEntry"("orgId", "at" DESC);
