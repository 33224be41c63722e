import { NotFoundPage } from "@/components/not-found-page";

// Outside the app shell (an address no route has): this page supplies the <main> landmark itself.
export default function NotFound() {
  return (
    <main>
      <NotFoundPage />
    </main>
  );
}
