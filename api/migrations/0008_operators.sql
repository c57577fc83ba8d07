-- Who runs a site, as its pages say (JSON: name, corporateNumber, address; NULL: the site names
-- nobody): the enrich stage finds the company in gBizINFO by it.
ALTER TABLE site_screenings ADD COLUMN operator TEXT;

-- The operator name a place was looked up by (NULL: by the place's own name only): a place looked
-- up before its site was read is looked up again once the site names its operator.
ALTER TABLE place_corporations ADD COLUMN looked_up_by TEXT;
