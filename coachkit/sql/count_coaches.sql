SELECT count(*) FROM coaches;
