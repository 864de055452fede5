-- Network members are never deleted: an intake names the network members
-- who joined the conversation (intake_deelnemer.netwerklid_id), and that
-- history must stay readable.  Removing a member from the network clears
-- active instead; lists and the circle diagram show active members only.
ALTER TABLE netwerklid ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

-- The intake page lists the scores given in that conversation.
CREATE INDEX zrm_score_intake ON zrm_score(intake_id);
