import { Badge, type Tone } from "../../components/ui/badge.tsx";
import { useT } from "../../i18n/use-t.ts";
import type { ExportStatus } from "./export-queries.ts";
import { exportsMessages } from "./messages.ts";

const tones: Record<ExportStatus, Tone> = {
  queued: "grey",
  running: "blue",
  ready: "green",
  failed: "red",
  expired: "grey",
};

export function ExportStatusBadge({ status }: { status: ExportStatus }) {
  const t = useT(exportsMessages);
  return (
    <Badge tone={tones[status]}>
      <span data-testid="export-status" data-status={status}>
        {t(status)}
      </span>
    </Badge>
  );
}
