-- Whether the lead's company was established within the year before it was found (gBizINFO), as
-- the owner's sheet had it when the verdict was sent: the insights engine compares new companies
-- with older ones. 0/1/NULL (unknown).
ALTER TABLE outcomes ADD COLUMN newly_established INTEGER;
