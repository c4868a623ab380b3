-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SubscriberStatus" AS ENUM ('pending_email_input', 'pending_email_validation', 'pending_user_migration', 'provisioning', 'provisioned', 'updating', 'error');

-- CreateEnum
CREATE TYPE "SubscriberPackage" AS ENUM ('softphone', 'basic', 'standard', 'premium');

-- CreateTable
CREATE TABLE "Subscriber" (
    "id" TEXT NOT NULL,
    "personId" TEXT,
    "userId" TEXT NOT NULL,
    "spEnterpriseId" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "primaryPhoneNumber" TEXT,
    "mobilePhoneNumber" TEXT,
    "extension" TEXT,
    "package" "SubscriberPackage" NOT NULL,
    "status" "SubscriberStatus" NOT NULL,
    "errorCode" INTEGER,
    "errorText" TEXT,
    "created" TIMESTAMP(3) NOT NULL,
    "lastStatusChange" TIMESTAMP(3) NOT NULL,
    "provisioningId" TEXT NOT NULL,
    "selfActivated" BOOLEAN NOT NULL DEFAULT false,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "invitePending" BOOLEAN NOT NULL DEFAULT false,
    "loginEnabled" BOOLEAN NOT NULL DEFAULT true,
    "created" TIMESTAMP(3) NOT NULL,
    "lastActivity" TIMESTAMP(3),
    "licenses" TEXT[],
    "plan" TEXT NOT NULL DEFAULT 'paid',
    "convertedToPaidAt" TIMESTAMP(3),
    "followUpSnoozedUntil" TIMESTAMP(3),
    "followUpHandledAt" TIMESTAMP(3),
    "followUpHandledBy" TEXT,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerTemplate" (
    "provisioningId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "spEnterpriseId" TEXT,
    "untrustedEmails" BOOLEAN NOT NULL,
    "shareLinkKind" TEXT NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerTemplate_pkey" PRIMARY KEY ("provisioningId")
);

-- CreateTable
CREATE TABLE "OrgSetting" (
    "orgId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "OrgSetting_pkey" PRIMARY KEY ("orgId","key")
);

-- CreateTable
CREATE TABLE "OrgSettingChange" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "oldValue" TEXT,
    "newValue" TEXT NOT NULL,
    "changedBy" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrgSettingChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "roomId" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "result" TEXT NOT NULL,
    "detail" JSONB,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "roomId" TEXT,
    "outcome" TEXT NOT NULL,
    "jobId" TEXT,
    "errorCode" TEXT,
    "errorText" TEXT,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertSubscription" (
    "roomId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "subscribedBy" TEXT NOT NULL,
    "subscribedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unsubscribedBy" TEXT,
    "unsubscribedAt" TIMESTAMP(3),

    CONSTRAINT "AlertSubscription_pkey" PRIMARY KEY ("roomId")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT,
    "expiresAt" TIMESTAMP(3),
    "lastRunKey" TEXT,
    "lastRunAt" TIMESTAMP(3),

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "RetryOperation" (
    "id" TEXT NOT NULL,
    "subscriberId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "newEmail" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "snapshot" JSONB,
    "newSubscriberId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "requestedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RetryOperation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Subscriber_status_spEnterpriseId_lastStatusChange_idx" ON "Subscriber"("status", "spEnterpriseId", "lastStatusChange" DESC);

-- CreateIndex
CREATE INDEX "Subscriber_spEnterpriseId_lastStatusChange_idx" ON "Subscriber"("spEnterpriseId", "lastStatusChange" DESC);

-- CreateIndex
CREATE INDEX "Subscriber_lastStatusChange_idx" ON "Subscriber"("lastStatusChange" DESC);

-- CreateIndex
CREATE INDEX "Subscriber_userId_idx" ON "Subscriber"("userId");

-- CreateIndex
CREATE INDEX "Subscriber_email_idx" ON "Subscriber"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Person_email_key" ON "Person"("email");

-- CreateIndex
CREATE INDEX "Person_invitePending_created_idx" ON "Person"("invitePending", "created");

-- CreateIndex
CREATE INDEX "OrgSettingChange_orgId_key_changedAt_idx" ON "OrgSettingChange"("orgId", "key", "changedAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at" DESC);

-- CreateIndex
CREATE INDEX "AuditEntry_actor_at_idx" ON "AuditEntry"("actor", "at" DESC);

-- CreateIndex
CREATE INDEX "ProcessedEvent_receivedAt_idx" ON "ProcessedEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "Reminder_personId_requestedAt_idx" ON "Reminder"("personId", "requestedAt" DESC);

-- CreateIndex
CREATE INDEX "RetryOperation_subscriberId_step_idx" ON "RetryOperation"("subscriberId", "step");
