/**
 * The number of people in the hall shown at the door. It moves by the answers (+1 for each first arrival the
 * server reports: this phone's own check-ins, at once) and is set from the server's count every 15 s (other
 * phones' arrivals). A count read while one of this phone's check-ins was on its way may already hold that
 * arrival, and its answer would add it again: a person counted twice until the next read (it happened in the
 * phone test). So a count is taken only when no check-in was in flight from before its request to its answer;
 * otherwise the next read brings it. Check-ins never wait for a read.
 */
export class DoorCount {
  #writing = 0;
  #writes = 0;

  constructor(
    private n: number,
    private readonly save: (n: number) => void,
  ) {}

  get value(): number {
    return this.n;
  }

  /** Arrivals the server has just answered as first (a scan, a switch to the hall, a synced queue). */
  add(arrivals: number): void {
    this.set(this.n + arrivals);
  }

  /** A check-in on its way: `work` sends it and applies its answer. */
  async write<T>(work: () => Promise<T>): Promise<T> {
    this.#writing++;
    this.#writes++;
    try {
      return await work();
    } finally {
      this.#writing--;
      this.#writes++;
    }
  }

  /** Takes the server's count from `read` unless a check-in overlapped it; true when taken. */
  async read(read: () => Promise<number | null>): Promise<boolean> {
    if (this.#writing > 0) return false;
    const before = this.#writes;
    const n = await read();
    if (n === null || this.#writing > 0 || this.#writes !== before) return false;
    this.set(n);
    return true;
  }

  private set(n: number): void {
    this.n = n;
    this.save(n);
  }
}
