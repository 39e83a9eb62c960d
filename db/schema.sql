CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);

CREATE TABLE "agenda_items" (
   "id" INTEGER PRIMARY KEY,
   "meeting_id" INTEGER NOT NULL REFERENCES "meetings"("id"),
   "position" INTEGER NOT NULL,
   "title" TEXT NOT NULL,
   "duration_minutes" INTEGER NOT NULL,
   "presenter_id" INTEGER REFERENCES "people"("id"),
   "sector_id" INTEGER REFERENCES "sectors"("id"),
   "notes" TEXT,
   "outcome" TEXT
);

CREATE TABLE "attendees" (
   "id" INTEGER PRIMARY KEY,
   "meeting_id" INTEGER NOT NULL REFERENCES "meetings"("id"),
   "person_id" INTEGER NOT NULL REFERENCES "people"("id"),
   "role" TEXT NOT NULL,
   "reply" TEXT NOT NULL
);

CREATE TABLE "b2b_halls" (
   "meeting_id" INTEGER PRIMARY KEY REFERENCES "meetings"("id"),
   "tables" TEXT NOT NULL,
   "slot_minutes" INTEGER NOT NULL,
   "breaks" TEXT,
   "max_talks_per_company" INTEGER,
   "interpreters" TEXT
);

CREATE TABLE "b2b_requests" (
   "id" INTEGER PRIMARY KEY,
   "visit_id" INTEGER NOT NULL REFERENCES "visits"("id"),
   "from_company_id" INTEGER NOT NULL REFERENCES "companies"("id"),
   "to_company_id" INTEGER NOT NULL REFERENCES "companies"("id"),
   "priority" TEXT NOT NULL,
   "note" TEXT,
   "origin" TEXT NOT NULL
);

CREATE TABLE "b2b_talks" (
   "id" INTEGER PRIMARY KEY,
   "meeting_id" INTEGER NOT NULL REFERENCES "meetings"("id"),
   "request_id" INTEGER NOT NULL REFERENCES "b2b_requests"("id"),
   "slot" INTEGER NOT NULL,
   "table_no" INTEGER NOT NULL,
   "locked" INTEGER NOT NULL DEFAULT 0,
   "interpreter" TEXT
);

CREATE TABLE "change_log" (
   "id" INTEGER PRIMARY KEY,
   "at" TEXT NOT NULL,
   "visit_id" INTEGER,
   "revision" INTEGER,
   "table_name" TEXT NOT NULL,
   "record_id" INTEGER,
   "action" TEXT NOT NULL,
   "old" TEXT,
   "new" TEXT
);

CREATE TABLE "companies" (
   "id" INTEGER PRIMARY KEY,
   "visit_id" INTEGER NOT NULL REFERENCES "visits"("id"),
   "name" TEXT NOT NULL,
   "native_name" TEXT,
   "side" TEXT NOT NULL,
   "city" TEXT,
   "offers" TEXT,
   "seeks" TEXT
);

CREATE TABLE "company_representatives" (
   "company_id" INTEGER REFERENCES "companies"("id"),
   "person_id" INTEGER REFERENCES "people"("id"),
   PRIMARY KEY ("company_id", "person_id")
);

CREATE TABLE "company_sectors" (
   "company_id" INTEGER REFERENCES "companies"("id"),
   "sector_id" INTEGER REFERENCES "sectors"("id"),
   PRIMARY KEY ("company_id", "sector_id")
);

CREATE TABLE "counter_proposals" (
   "id" INTEGER PRIMARY KEY,
   "meeting_id" INTEGER NOT NULL REFERENCES "meetings"("id"),
   "person_id" INTEGER NOT NULL REFERENCES "people"("id"),
   "proposed_start" TEXT,
   "proposed_end" TEXT,
   "zone" TEXT NOT NULL,
   "all_day" INTEGER DEFAULT 0,
   "venue" TEXT,
   "comment" TEXT,
   "sequence" INTEGER NOT NULL,
   "received_at" TEXT,
   "status" TEXT NOT NULL
);

CREATE TABLE "delegation_members" (
   "id" INTEGER PRIMARY KEY,
   "delegation_id" INTEGER NOT NULL REFERENCES "delegations"("id"),
   "person_id" INTEGER NOT NULL REFERENCES "people"("id"),
   "role" TEXT NOT NULL,
   "sector_id" INTEGER REFERENCES "sectors"("id"),
   "company" TEXT
);

CREATE TABLE "delegations" (
   "id" INTEGER PRIMARY KEY,
   "visit_id" INTEGER NOT NULL REFERENCES "visits"("id"),
   "name" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "side" TEXT NOT NULL
);

CREATE TABLE "invitations_sent" (
   "id" INTEGER PRIMARY KEY,
   "meeting_id" INTEGER NOT NULL REFERENCES "meetings"("id"),
   "person_id" INTEGER NOT NULL REFERENCES "people"("id"),
   "method" TEXT NOT NULL,
   "sequence" INTEGER NOT NULL,
   "sent_at" TEXT NOT NULL
);

CREATE TABLE "meetings" (
   "id" INTEGER PRIMARY KEY,
   "visit_id" INTEGER NOT NULL REFERENCES "visits"("id"),
   "uid" TEXT NOT NULL,
   "sequence" INTEGER NOT NULL DEFAULT 0,
   "title" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "starts_at" TEXT NOT NULL,
   "ends_at" TEXT NOT NULL,
   "zone" TEXT NOT NULL,
   "all_day" INTEGER NOT NULL DEFAULT 0,
   "venue_id" INTEGER REFERENCES "venues"("id"),
   "online_link" TEXT,
   "status" TEXT NOT NULL,
   "confidentiality" TEXT,
   "notes" TEXT,
   "organiser_id" INTEGER REFERENCES "people"("id"),
   "sector_id" INTEGER REFERENCES "sectors"("id"),
   "recurrence" TEXT,
   "exdates" TEXT
);

CREATE TABLE "people" (
   "id" INTEGER PRIMARY KEY,
   "visit_id" INTEGER NOT NULL REFERENCES "visits"("id"),
   "honorific" TEXT,
   "name" TEXT NOT NULL,
   "native_name" TEXT,
   "designation" TEXT,
   "organisation" TEXT,
   "country" TEXT,
   "side" TEXT NOT NULL,
   "email" TEXT,
   "phone" TEXT,
   "precedence" INTEGER NOT NULL DEFAULT 1000,
   "languages" TEXT,
   "dietary" TEXT,
   "notes" TEXT
, "second_designation" TEXT NOT NULL DEFAULT '', "second_organisation" TEXT NOT NULL DEFAULT '');

CREATE TABLE "replies_received" (
   "id" INTEGER PRIMARY KEY,
   "meeting_id" INTEGER NOT NULL REFERENCES "meetings"("id"),
   "person_id" INTEGER NOT NULL REFERENCES "people"("id"),
   "reply" TEXT NOT NULL,
   "comment" TEXT,
   "sequence" INTEGER NOT NULL,
   "received_at" TEXT
);

CREATE TABLE "revisions" (
   "id" INTEGER PRIMARY KEY,
   "visit_id" INTEGER NOT NULL REFERENCES "visits"("id"),
   "number" INTEGER NOT NULL,
   "issued_at" TEXT NOT NULL,
   "last_change_id" INTEGER NOT NULL
);

CREATE TABLE "sectors" (
   "id" INTEGER PRIMARY KEY,
   "visit_id" INTEGER NOT NULL REFERENCES "visits"("id"),
   "name" TEXT NOT NULL,
   "priority" INTEGER DEFAULT 0
);

CREATE TABLE "travel_times" (
   "from_venue_id" INTEGER REFERENCES "venues"("id"),
   "to_venue_id" INTEGER REFERENCES "venues"("id"),
   "minutes" INTEGER NOT NULL,
   PRIMARY KEY ("from_venue_id", "to_venue_id")
);

CREATE TABLE "venues" (
   "id" INTEGER PRIMARY KEY,
   "visit_id" INTEGER NOT NULL REFERENCES "visits"("id"),
   "name" TEXT NOT NULL,
   "address" TEXT,
   "city" TEXT,
   "capacity" INTEGER
, "notes" TEXT);

CREATE TABLE "visits" (
   "id" INTEGER PRIMARY KEY,
   "title" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "host_country" TEXT,
   "guest_country" TEXT,
   "first_day" TEXT NOT NULL,
   "last_day" TEXT NOT NULL,
   "zone" TEXT NOT NULL,
   "home_zone" TEXT NOT NULL,
   "status" TEXT NOT NULL DEFAULT 'draft',
   "revision" INTEGER NOT NULL DEFAULT 0,
   "revision_issued_at" TEXT,
   "notes" TEXT DEFAULT ''
, "organiser_name" TEXT, "organiser_email" TEXT, "organiser_phone" TEXT);

CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");

CREATE INDEX "idx_agenda_items_meeting_id_position"
    ON "agenda_items" ("meeting_id", "position");

CREATE UNIQUE INDEX "idx_attendees_meeting_id_person_id"
    ON "attendees" ("meeting_id", "person_id");

CREATE INDEX "idx_attendees_person_id"
    ON "attendees" ("person_id");

CREATE UNIQUE INDEX "idx_b2b_requests_from_company_id_to_company_id"
    ON "b2b_requests" ("from_company_id", "to_company_id");

CREATE INDEX "idx_b2b_requests_to_company_id"
    ON "b2b_requests" ("to_company_id");

CREATE INDEX "idx_b2b_requests_visit_id"
    ON "b2b_requests" ("visit_id");

CREATE UNIQUE INDEX "idx_b2b_talks_meeting_id_slot_table_no"
    ON "b2b_talks" ("meeting_id", "slot", "table_no");

CREATE UNIQUE INDEX "idx_b2b_talks_request_id"
    ON "b2b_talks" ("request_id");

CREATE INDEX "idx_change_log_visit_id_id"
    ON "change_log" ("visit_id", "id");

CREATE UNIQUE INDEX "idx_companies_visit_id_name"
    ON "companies" ("visit_id", "name");

CREATE INDEX "idx_company_representatives_person_id"
    ON "company_representatives" ("person_id");

CREATE INDEX "idx_company_sectors_sector_id"
    ON "company_sectors" ("sector_id");

CREATE INDEX "idx_counter_proposals_meeting_id"
    ON "counter_proposals" ("meeting_id");

CREATE INDEX "idx_counter_proposals_person_id"
    ON "counter_proposals" ("person_id");

CREATE UNIQUE INDEX "idx_delegation_members_delegation_id_person_id"
    ON "delegation_members" ("delegation_id", "person_id");

CREATE INDEX "idx_delegation_members_person_id"
    ON "delegation_members" ("person_id");

CREATE INDEX "idx_delegation_members_sector_id"
    ON "delegation_members" ("sector_id");

CREATE UNIQUE INDEX "idx_invitations_sent_meeting_id_person_id"
    ON "invitations_sent" ("meeting_id", "person_id");

CREATE INDEX "idx_invitations_sent_person_id"
    ON "invitations_sent" ("person_id");

CREATE UNIQUE INDEX "idx_meetings_uid"
    ON "meetings" ("uid");

CREATE INDEX "idx_meetings_venue_id"
    ON "meetings" ("venue_id");

CREATE INDEX "idx_meetings_visit_id_starts_at"
    ON "meetings" ("visit_id", "starts_at");

CREATE INDEX "idx_people_visit_id_email"
    ON "people" ("visit_id", "email");

CREATE INDEX "idx_people_visit_id_precedence"
    ON "people" ("visit_id", "precedence");

CREATE INDEX "idx_replies_received_meeting_id_person_id"
    ON "replies_received" ("meeting_id", "person_id");

CREATE INDEX "idx_replies_received_person_id"
    ON "replies_received" ("person_id");

CREATE UNIQUE INDEX "idx_revisions_visit_id_number"
    ON "revisions" ("visit_id", "number");

CREATE UNIQUE INDEX "idx_sectors_visit_id_name"
    ON "sectors" ("visit_id", "name");
