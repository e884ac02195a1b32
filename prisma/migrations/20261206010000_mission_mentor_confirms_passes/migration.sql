-- Where the AI and mentors agree too little on a mission, an admin can make a passing AI review
-- wait for a mentor instead of approving by itself (capstones always wait).
ALTER TABLE "Mission" ADD COLUMN "mentorConfirmsPasses" BOOLEAN NOT NULL DEFAULT false;
