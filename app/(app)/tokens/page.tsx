import type { Metadata } from "next";
import Link from "next/link";
import { DownloadIcon, KeyRoundIcon, PlusIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { FiltersDisclosure } from "@/components/filters-disclosure";
import type { SearchParams } from "@/components/data-table/search-params";
import { requireAdmin } from "@/lib/auth/session";
import { listServerChoices } from "@/lib/servers/choices";
import { listTokens } from "@/lib/tokens/queries";
import { listAllUsers, lookupUserByEmail } from "@/lib/users/queries";
import { countRevokeAll } from "@/lib/tokens/revoke";
import { gettingStarted } from "@/lib/onboarding/getting-started";
import { GettingStarted } from "./_components/getting-started";
import { RevokeAllDialog } from "./_components/revoke-all-dialog";
import { TokensFilters } from "./_components/tokens-filters";
import { TokensTable } from "./_components/tokens-table";
import { tokensTableState } from "./table-query";

export const metadata: Metadata = { title: "Tokens" };

export default async function TokensPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const { query, filters } = tokensTableState(params);
  const { rows, total } = listTokens(admin, query, filters);
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const filterCount = Object.entries(filters).filter(([key, v]) => key !== "q" && v !== undefined).length;
  const checklist = gettingStarted(admin);
  const owner = filters.owner ? lookupUserByEmail(admin, filters.owner) : undefined;
  const exportQuery = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));

  const empty = filtered ? (
    <EmptyState
      icon={<KeyRoundIcon />}
      title={filters.q ? `No tokens match “${filters.q}”` : "No tokens match these filters"}
      description="Try removing a filter."
      action={
        <Button variant="outline" asChild>
          <Link href="/tokens">Clear filters</Link>
        </Button>
      }
    />
  ) : (
    <EmptyState
      icon={<KeyRoundIcon />}
      title="No tokens yet"
      description="Issue a token for a person or a service account. Its owner claims it on their My tokens page."
      action={
        <Button asChild>
          <Link href="/tokens/new">Issue token</Link>
        </Button>
      }
    />
  );

  return (
    <>
      <PageHeader
        title="Tokens"
        description="Every MCP token issued in this Gatehouse. Secrets are never stored or shown here."
        actions={
          <>
            <Button variant="outline" asChild>
              <a href={`/tokens/export${exportQuery.size ? `?${exportQuery}` : ""}`} download>
                <DownloadIcon aria-hidden="true" /> Export CSV
              </a>
            </Button>
            <Button asChild>
              <Link href="/tokens/new">
                <PlusIcon aria-hidden="true" /> Issue token
              </Link>
            </Button>
          </>
        }
      />
      {checklist && <GettingStarted steps={checklist} />}
      <DataTableSearch label="Search tokens" placeholder="Name, owner, id (tok_…) or secret prefix (mcpt_…)" />
      <FiltersDisclosure active={filterCount} className="mb-4">
        <TokensFilters owners={listAllUsers(admin)} servers={listServerChoices(admin)} />
      </FiltersDisclosure>
      {owner && (
        <div className="mb-4 flex flex-wrap items-center gap-3">
          <RevokeAllDialog email={owner.email} {...countRevokeAll(owner.id, admin)} />
        </div>
      )}
      <TokensTable rows={rows} total={total} query={query} empty={empty} />
    </>
  );
}
