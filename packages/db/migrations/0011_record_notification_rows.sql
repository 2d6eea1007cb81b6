-- record_notification answers the recorded row itself (SETOF notifications, read through the
-- table's own columns by packages/db/src/queries/record-notification.ts), and no row when the user
-- already has the event. The rules are as in 0009.
DROP FUNCTION record_notification(uuid, uuid, uuid, uuid, text, text, jsonb, integer, integer);
--> statement-breakpoint
CREATE FUNCTION record_notification(
  p_id uuid,
  p_organization_id uuid,
  p_user_id uuid,
  p_ticket_id uuid,
  p_type text,
  p_event_id text,
  p_data jsonb,
  p_window_ms integer,
  p_keep_event_ids integer
) RETURNS SETOF notifications
LANGUAGE plpgsql
AS $$
DECLARE
  found_row notifications%ROWTYPE;
BEGIN
  -- Serializes the read-then-write per (user, ticket, type) until the caller's transaction ends:
  -- two events at once collapse into one row instead of racing to insert two. Each statement
  -- below takes a fresh snapshot, so it sees what the previous holder of the lock committed.
  PERFORM pg_advisory_xact_lock(hashtext(p_user_id::text || ':' || p_ticket_id::text || ':' || p_type));

  -- An event belongs to one ticket and type: its row is among this (user, ticket, type)'s.
  PERFORM 1 FROM notifications n
   WHERE n.user_id = p_user_id AND n.ticket_id = p_ticket_id AND n.type = p_type
     AND n.event_ids @> ARRAY[p_event_id];
  IF FOUND THEN
    RETURN;
  END IF;

  UPDATE notifications n
     SET count = n.count + 1,
         -- Only the latest ids are kept: a row collapsing a long burst would otherwise grow with
         -- every event.
         event_ids = (array_append(n.event_ids, p_event_id))[
           greatest(1, cardinality(n.event_ids) + 2 - p_keep_event_ids):
         ],
         data = p_data,
         read_at = NULL,
         updated_at = now()
   WHERE n.id = (
     SELECT r.id FROM notifications r
      WHERE r.user_id = p_user_id AND r.ticket_id = p_ticket_id AND r.type = p_type
        AND r.updated_at > now() - make_interval(secs => p_window_ms / 1000.0)
      ORDER BY r.updated_at DESC
      LIMIT 1
   )
  RETURNING * INTO found_row;
  IF NOT FOUND THEN
    INSERT INTO notifications (id, organization_id, user_id, ticket_id, type, event_ids, data)
    VALUES (p_id, p_organization_id, p_user_id, p_ticket_id, p_type, ARRAY[p_event_id], p_data)
    RETURNING * INTO found_row;
  END IF;
  RETURN NEXT found_row;
END
$$;
