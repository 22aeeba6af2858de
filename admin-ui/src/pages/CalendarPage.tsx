/** Placeholder until the page is built. */
export default function CalendarPage() {
  return <div>CalendarPage</div>;
}
