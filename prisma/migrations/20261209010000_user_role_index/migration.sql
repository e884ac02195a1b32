-- Mentors and admins are found by their role (who may take a mentor review, who is told of a
-- request, the admins' mentor list). Without an index PostgreSQL read every user for it, and
-- checked each student's track assignments before their role, on every capstone review.
CREATE INDEX "User_role_idx" ON "User"("role");
