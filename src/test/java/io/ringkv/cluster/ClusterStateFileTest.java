package io.ringkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.ring.Claim;
import io.ringkv.ring.NodeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStateFileTest {

  @TempDir Path directory;

  @Test
  void a_fresh_directory_remembers_nothing() {
    assertThat(new ClusterStateFile(directory).load()).isEqualTo(new ClusterStateFile.Saved(null, 0, null));
  }

  @Test
  void the_ring_state_and_the_membership_survive_a_restart() throws Exception {
    RingState ring = RingState.initial(Claim.initial(16, List.of(NodeSpec.of("a"), NodeSpec.of("b"))), 3)
        .handoff(Claim.initial(16, List.of(NodeSpec.of("a"))), 3);
    new ClusterStateFile(directory).save(ring, 7, Membership.LEAVING);

    ClusterStateFile.Saved saved = new ClusterStateFile(directory).load();

    assertThat(saved.ring()).isEqualTo(ring);
    assertThat(saved.ring().lineage()).isEqualTo(ring.lineage());
    assertThat(saved.incarnation()).isEqualTo(7);
    assertThat(saved.membership()).isEqualTo(Membership.LEAVING);
    try (var files = Files.list(directory)) {
      assertThat(files.map(path -> path.getFileName().toString())).doesNotContain("ring-state.bin.tmp");
    }
  }

  @Test
  void a_forgotten_ring_is_gone_but_the_membership_stays() throws Exception {
    ClusterStateFile file = new ClusterStateFile(directory);
    file.save(RingState.initial(Claim.initial(16, List.of(NodeSpec.of("a"))), 3), 3, Membership.MEMBER);
    file.forgetRing();
    assertThat(file.load()).isEqualTo(new ClusterStateFile.Saved(null, 3, Membership.MEMBER));
  }
}
