/** Reading policy YAML into the policy model with file/line/column errors (SnakeYAML node tree, not object binding). */
@NullMarked
package io.debuggate.policies.yaml;

import org.jspecify.annotations.NullMarked;
