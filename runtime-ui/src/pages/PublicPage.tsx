/** Placeholder until the page is built. */
export default function PublicPage() {
  return <div>PublicPage</div>;
}
