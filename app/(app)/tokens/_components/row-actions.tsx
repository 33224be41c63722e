"use client";

import { useState } from "react";
import { MoreHorizontalIcon, RefreshCwIcon, BanIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { RevokeDialog } from "./revoke-dialog";
import { RotateDialog } from "./rotate-dialog";

/** A row's actions in one compact menu; each opens its dialog. */
export function TokenRowActions({ tokenId, tokenName, canRotate }: { tokenId: string; tokenName: string; canRotate: boolean }) {
  const [dialog, setDialog] = useState<"rotate" | "revoke" | null>(null);
  const close = (open: boolean) => !open && setDialog(null);
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
          <DropdownMenuItem variant="destructive" onSelect={() => setDialog("revoke")}>
            <BanIcon aria-hidden="true" /> Revoke
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <RotateDialog tokenId={tokenId} tokenName={tokenName} available={canRotate} open={dialog === "rotate"} onOpenChange={close} />
      <RevokeDialog tokenId={tokenId} tokenName={tokenName} open={dialog === "revoke"} onOpenChange={close} />
    </>
  );
}
