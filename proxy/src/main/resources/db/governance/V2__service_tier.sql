-- A Bedrock service tier of a team's or key's own (priority, default, flex); NULL leaves it to the team, the
-- client where allowed, and the route.
ALTER TABLE gateway_teams ADD COLUMN service_tier VARCHAR(16);
ALTER TABLE gateway_keys ADD COLUMN service_tier VARCHAR(16);
