-- SentCard.issuedTo was written and never read (who may press a card's buttons is checked against
-- ADMIN_EMAILS at the click). Instances older than this migration still write the column: replace
-- every instance in one go rather than rolling across this migration.
-- AlterTable
ALTER TABLE "SentCard" DROP COLUMN "issuedTo";
