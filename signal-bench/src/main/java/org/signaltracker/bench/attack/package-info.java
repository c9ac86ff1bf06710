/**
 * The adversarial probe of issue 7: raw java.nio clients that attack a daemon on 127.0.0.0/8 the ways an
 * unauthenticated client once took it down (ping floods and pipelined requests that never read, unfinished
 * messages and frames held on thousands of connections, floods while the outbound is stuck, requests that
 * close mid-body), while its resident memory is sampled and a bystander pair checks that other peers are
 * still served. {@link org.signaltracker.bench.attack.AttackMain} runs one case and prints its verdict;
 * scripts/attack.sh starts a fresh daemon for each case and sums up. Every loop is bounded in count and
 * time, and no address outside 127.0.0.0/8 is accepted.
 */
package org.signaltracker.bench.attack;
