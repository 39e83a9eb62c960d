"""The columns of every table after the schema steps below, so that opening a file need not apply them.

Written by ``python -m planner.storage.soundness > planner/storage/schema_columns.py`` after a
schema step is added; tests/storage keeps it true. While it is out of date the columns are worked
out by applying the steps instead (slower, never wrong)."""

STEPS = (
    'm001_visit_model',
    'm002_visit_organiser',
    'm003_venue_notes',
    'm004_invitations_sent_replies_counters',
    'm005_b2b_companies',
    'm006_b2b_requests_halls_talks',
    'm007_people_second_language',
    'm008_change_log_batches',
)

COLUMNS = {
    '_sqlite_migrations': (
        'applied_at', 'id', 'migration_set', 'name',
    ),
    'agenda_items': (
        'duration_minutes', 'id', 'meeting_id', 'notes', 'outcome', 'position', 'presenter_id', 'sector_id',
        'title',
    ),
    'attendees': (
        'id', 'meeting_id', 'person_id', 'reply', 'role',
    ),
    'b2b_halls': (
        'breaks', 'interpreters', 'max_talks_per_company', 'meeting_id', 'slot_minutes', 'tables',
    ),
    'b2b_requests': (
        'from_company_id', 'id', 'note', 'origin', 'priority', 'to_company_id', 'visit_id',
    ),
    'b2b_talks': (
        'id', 'interpreter', 'locked', 'meeting_id', 'request_id', 'slot', 'table_no',
    ),
    'change_log': (
        'action', 'at', 'id', 'new', 'old', 'record_id', 'revision', 'table_name', 'visit_id',
    ),
    'companies': (
        'city', 'id', 'name', 'native_name', 'offers', 'seeks', 'side', 'visit_id',
    ),
    'company_representatives': (
        'company_id', 'person_id',
    ),
    'company_sectors': (
        'company_id', 'sector_id',
    ),
    'counter_proposals': (
        'all_day', 'comment', 'id', 'meeting_id', 'person_id', 'proposed_end', 'proposed_start',
        'received_at', 'sequence', 'status', 'venue', 'zone',
    ),
    'delegation_members': (
        'company', 'delegation_id', 'id', 'person_id', 'role', 'sector_id',
    ),
    'delegations': (
        'id', 'kind', 'name', 'side', 'visit_id',
    ),
    'invitations_sent': (
        'id', 'meeting_id', 'method', 'person_id', 'sent_at', 'sequence',
    ),
    'meetings': (
        'all_day', 'confidentiality', 'ends_at', 'exdates', 'id', 'kind', 'notes', 'online_link',
        'organiser_id', 'recurrence', 'sector_id', 'sequence', 'starts_at', 'status', 'title', 'uid',
        'venue_id', 'visit_id', 'zone',
    ),
    'people': (
        'country', 'designation', 'dietary', 'email', 'honorific', 'id', 'languages', 'name', 'native_name',
        'notes', 'organisation', 'phone', 'precedence', 'second_designation', 'second_organisation', 'side',
        'visit_id',
    ),
    'replies_received': (
        'comment', 'id', 'meeting_id', 'person_id', 'received_at', 'reply', 'sequence',
    ),
    'revisions': (
        'id', 'issued_at', 'last_change_id', 'number', 'visit_id',
    ),
    'sectors': (
        'id', 'name', 'priority', 'visit_id',
    ),
    'travel_times': (
        'from_venue_id', 'minutes', 'to_venue_id',
    ),
    'venues': (
        'address', 'capacity', 'city', 'id', 'name', 'notes', 'visit_id',
    ),
    'visits': (
        'first_day', 'guest_country', 'home_zone', 'host_country', 'id', 'kind', 'last_day', 'notes',
        'organiser_email', 'organiser_name', 'organiser_phone', 'revision', 'revision_issued_at', 'status',
        'title', 'zone',
    ),
}
