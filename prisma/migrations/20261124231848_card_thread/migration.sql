-- AlterTable
ALTER TABLE "SentCard" ADD COLUMN     "threadId" TEXT;
