-- 006_open311: written with the Open311 interface.
SELECT 1;
