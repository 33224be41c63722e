import { NotFoundPage } from "@/components/not-found-page";

// Inside the app shell, whose <main> already holds it.
export default function NotFound() {
  return <NotFoundPage />;
}
