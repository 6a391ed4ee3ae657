package io.debuggate.policies.masking;

import java.util.Arrays;

/** A growable, sorted list of non-overlapping findings as parallel int arrays (no boxing on the hot path). */
final class Findings {

    int size;
    int[] start = new int[16];
    int[] end = new int[16];
    int[] rule = new int[16];

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Appends a finding that starts at or after the end of the last one (the scanner's order). */
    void add(int s, int e, int r) {
        if (size == start.length) {
            grow();
        }
        start[size] = s;
        end[size] = e;
        rule[size] = r;
        size++;
    }

    /** Inserts a finding unless it overlaps one already present; returns whether it was added. */
    boolean insertIfFree(int s, int e, int r) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0 && end[lo - 1] > s) {
            return false;
        }
        if (lo < size && start[lo] < e) {
            return false;
        }
        if (size == start.length) {
            grow();
        }
        System.arraycopy(start, lo, start, lo + 1, size - lo);
        System.arraycopy(end, lo, end, lo + 1, size - lo);
        System.arraycopy(rule, lo, rule, lo + 1, size - lo);
        start[lo] = s;
        end[lo] = e;
        rule[lo] = r;
        size++;
        return true;
    }

    private void grow() {
        int n = start.length * 2;
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        rule = Arrays.copyOf(rule, n);
    }
}
