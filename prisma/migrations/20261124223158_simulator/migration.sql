-- CreateTable
CREATE TABLE "SimOrg" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "allowAdminInviteEmails" BOOLEAN NOT NULL DEFAULT true,
    "seed" INTEGER NOT NULL,
    "seededAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SimOrg_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimTemplate" (
    "provisioningId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "spEnterpriseId" TEXT NOT NULL,
    "untrustedEmails" BOOLEAN NOT NULL,
    "shareLinkKind" TEXT NOT NULL,
    "packages" "SubscriberPackage"[],

    CONSTRAINT "SimTemplate_pkey" PRIMARY KEY ("provisioningId")
);

-- CreateTable
CREATE TABLE "SimSubscriber" (
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
    "nextStatus" "SubscriberStatus",
    "nextStatusAt" TIMESTAMP(3),
    "nextErrorCode" INTEGER,
    "nextErrorText" TEXT,
    "nextPackage" "SubscriberPackage",

    CONSTRAINT "SimSubscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimPerson" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "displayName" TEXT,
    "licenses" TEXT[],
    "created" TIMESTAMP(3) NOT NULL,
    "lastActivity" TIMESTAMP(3),
    "invitePending" BOOLEAN NOT NULL,
    "loginEnabled" BOOLEAN NOT NULL DEFAULT true,
    "plan" TEXT NOT NULL DEFAULT 'paid',
    "convertedToPaidAt" TIMESTAMP(3),

    CONSTRAINT "SimPerson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimActivationEmail" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "jobId" TEXT,

    CONSTRAINT "SimActivationEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimEmailJob" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "runningAt" TIMESTAMP(3) NOT NULL,
    "completesAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "allowAdminInviteEmails" BOOLEAN NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "SimEmailJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SimSubscriber_created_id_idx" ON "SimSubscriber"("created", "id");

-- CreateIndex
CREATE INDEX "SimSubscriber_nextStatusAt_idx" ON "SimSubscriber"("nextStatusAt");

-- CreateIndex
CREATE INDEX "SimSubscriber_userId_idx" ON "SimSubscriber"("userId");

-- CreateIndex
CREATE INDEX "SimSubscriber_email_idx" ON "SimSubscriber"("email");

-- CreateIndex
CREATE INDEX "SimSubscriber_personId_idx" ON "SimSubscriber"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "SimPerson_email_key" ON "SimPerson"("email");

-- CreateIndex
CREATE INDEX "SimPerson_created_id_idx" ON "SimPerson"("created", "id");

-- CreateIndex
CREATE INDEX "SimPerson_invitePending_idx" ON "SimPerson"("invitePending");

-- CreateIndex
CREATE INDEX "SimActivationEmail_personId_sentAt_idx" ON "SimActivationEmail"("personId", "sentAt" DESC);

-- CreateIndex
CREATE INDEX "SimEmailJob_completedAt_completesAt_idx" ON "SimEmailJob"("completedAt", "completesAt");
