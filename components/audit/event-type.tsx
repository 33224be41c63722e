import * as React from "react";

/** An event's name ("oauth.refresh_rotated") in mono, breaking after its dots on a narrow screen, never inside a word. */
export function EventType({ type, className = "font-mono text-[13px]" }: { type: string; className?: string }) {
  return (
    <span className={className}>
      {type.split(".").map((part, i) => (
        <React.Fragment key={i}>
          {i > 0 && (
            <>
              .<wbr />
            </>
          )}
          {part}
        </React.Fragment>
      ))}
    </span>
  );
}
