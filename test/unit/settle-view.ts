import { act } from 'preact/test-utils';

/** Lets a dashboard view's messages, live queries and re-renders run to their end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
}
