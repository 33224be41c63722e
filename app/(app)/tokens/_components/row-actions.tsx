"use client";

import { useState } from "react";
import { MoreHorizontalIcon, RefreshCwIcon, BanIcon, RotateCcwIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { TokenStatus } from "@/lib/tokens/status";
import { RegenerateDialog } from "./regenerate-dialog";
import { RevokeDialog } from "./revoke-dialog";
import { RotateDialog } from "./rotate-dialog";

/**
 * A row's actions in one compact menu; each opens its dialog. A working token can be rotated,
 * any token not yet revoked can be revoked, and an expired or revoked one regenerated.
 */
export function TokenRowActions({ tokenId, tokenName, status }: { tokenId: string; tokenName: string; status: TokenStatus }) {
  const [dialog, setDialog] = useState<"rotate" | "revoke" | "regenerate" | null>(null);
  const close = (open: boolean) => !open && setDialog(null);
  const canRotate = status === "active" || status === "rotating";
  const ended = status === "expired" || status === "revoked" ? status : null;
  return (
    <>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Actions for ${tokenName}`}>
            <MoreHorizontalIcon aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {canRotate && (
            <DropdownMenuItem onSelect={() => setDialog("rotate")}>
              <RefreshCwIcon aria-hidden="true" /> Rotate
            </DropdownMenuItem>
          )}
          {ended && (
            <DropdownMenuItem onSelect={() => setDialog("regenerate")}>
              <RotateCcwIcon aria-hidden="true" /> Regenerate…
            </DropdownMenuItem>
          )}
          {status !== "revoked" && (
            <DropdownMenuItem variant="destructive" onSelect={() => setDialog("revoke")}>
              <BanIcon aria-hidden="true" /> Revoke
            </DropdownMenuItem>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      <RotateDialog tokenId={tokenId} tokenName={tokenName} available={canRotate} open={dialog === "rotate"} onOpenChange={close} />
      {ended && <RegenerateDialog tokenId={tokenId} tokenName={tokenName} ended={ended} open={dialog === "regenerate"} onOpenChange={close} />}
      {status !== "revoked" && <RevokeDialog tokenId={tokenId} tokenName={tokenName} open={dialog === "revoke"} onOpenChange={close} />}
    </>
  );
}
