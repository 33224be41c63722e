import { ForbiddenPage } from "@/components/forbidden-page";

// Outside the app shell: this page supplies the <main> landmark itself.
export default function Forbidden() {
  return (
    <main>
      <ForbiddenPage />
    </main>
  );
}
